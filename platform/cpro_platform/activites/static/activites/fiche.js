// Ticking a RAP activity ticks the compétences it mobilises (the learner may untick them).
document.addEventListener("change", function (event) {
  var cible = event.target;
  if (!cible.matches || !cible.matches("input[name=activites]") || !cible.checked) return;
  (cible.dataset.competences || "").split(" ").forEach(function (pk) {
    var competence = document.getElementById("competences-" + pk);
    if (pk && competence) competence.checked = true;
  });
});
