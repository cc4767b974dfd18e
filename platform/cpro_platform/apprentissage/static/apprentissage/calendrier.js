// The alternance calendar's editor: a click on a week cycles CFA → entreprise → congés → empty;
// with a week focused, C, E, V set it, Delete clears it, ← → move to the previous/next week.
// Without this script every week stays a plain <select>, saved by the same form.
(function () {
  "use strict";
  var form = document.getElementById("calendrier");
  if (!form) { return; }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-semaine]"));
  var ordre = ["", "cfa", "entreprise", "conge"];
  var touches = { c: "cfa", e: "entreprise", v: "conge", Delete: "", Backspace: "" };

  function recompter() {
    var compte = { cfa: 0, entreprise: 0, conge: 0, vide: 0 };
    selects.forEach(function (s) { compte[s.value || "vide"] += 1; });
    Object.keys(compte).forEach(function (cle) {
      var cible = document.querySelector('[data-decompte="' + cle + '"]');
      if (cible) { cible.textContent = compte[cle]; }
    });
  }

  function poser(select, valeur) {
    select.value = valeur;
    var case_ = select.closest(".cpro-semaine");
    case_.className = case_.className.replace(/cpro-lieu--\S+/, "cpro-lieu--" + (valeur || "vide"));
    recompter();
  }

  selects.forEach(function (select, i) {
    select.addEventListener("change", function () { poser(select, select.value); });
    select.closest(".cpro-semaine").addEventListener("click", function (evenement) {
      if (evenement.target === select) { return; }
      evenement.preventDefault();
      poser(select, ordre[(ordre.indexOf(select.value) + 1) % ordre.length]);
      select.focus();
    });
    select.addEventListener("keydown", function (evenement) {
      var touche = evenement.key.length === 1 ? evenement.key.toLowerCase() : evenement.key;
      if (Object.prototype.hasOwnProperty.call(touches, touche)) {
        evenement.preventDefault();
        poser(select, touches[touche]);
      } else if (touche === "ArrowRight" || touche === "ArrowLeft") {
        evenement.preventDefault();
        var voisin = selects[i + (touche === "ArrowRight" ? 1 : -1)];
        if (voisin) { voisin.focus(); }
      }
    });
  });
})();
