/* Keyboard grids: keyboard entry, row/column fill, autosave as JSON, conflicts.
 *
 * Each cell is an input named c-<ligne>-<colonne> with a hidden v-<…> holding the version
 * it was read at. The three grids use it (evaluation, bilans' campaign, CCF). The bilans' grid
 * sets data-speciaux="NE" (no ABS; N marks "non évaluée à cette date") and data-suppr="efface"
 * (Delete/Backspace return the cell to "undecided" instead of recording NE as the evaluation
 * grid does, where an evaluation is never erased).
 *
 * Changed cells are sent in batches, one request at a time, so a teacher never conflicts with
 * themself: one application/json body {"cases": [{ligne, colonne, code, version}, …]} (the
 * server's suivi/envoi.py), so a grid of any size saves. The server answers with the grid's
 * fragment, whose htmx out-of-band parts (new versions, the saved state, conflicts) this
 * script applies itself (appliquer):
 * 200 saved, 409 conflicts to settle, 422 (or 400) refused as a whole — the cells keep what
 * was typed, marked, and the status line says why. Without JavaScript the form posts the
 * whole grid.
 *
 * Any other answer (503 when the database is busy, a lost connection, a 500…) loses nothing:
 * the cells keep their values and stay to be sent, the status line says they are not saved,
 * and they go again with the next entry, the "Réessayer" button or Enter — never in a loop
 * on their own, which would only add load to a busy server.
 */
(function () {
  "use strict";
  const form = document.getElementById("grille");
  if (!form || !window.fetch) return;
  const etat = document.getElementById("etat-sauvegarde");
  const conflits = document.getElementById("conflits");
  const reessayer = document.getElementById("reessayer");
  const echelle = form.dataset.echelle.split(" ");
  // Codes other than levels: "ABS NE" unless the form says otherwise.
  const speciaux = (form.dataset.speciaux ?? "ABS NE").split(" ").filter(Boolean);
  // Delete/Backspace: clear the cell, unless NE is a code and the form does not say "efface".
  const effacer = form.dataset.suppr === "efface" || !speciaux.includes("NE");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const inputs = Array.from(form.querySelectorAll("input.cpro-saisie"));
  const enAttente = new Set();   // cells changed and not yet sent
  let envoyees = new Map();      // cell → value, of the request in flight
  let enCours = false;
  let echec = false;             // the last send failed: wait for the teacher to retry
  let minuteur = null;

  inputs.forEach((input) => { input.dataset.enregistre = input.value; });

  function cle(input) { return input.name.slice(2); }
  function cellule(k) { return form.elements["c-" + k]; }
  function version(k) { return document.getElementById("v-" + k); }
  function marquer(input, classe) {
    input.closest("td").classList.remove("cpro-case--attente", "cpro-case--conflit",
                                         "cpro-case--erreur");
    if (classe) input.closest("td").classList.add(classe);
    // A screen reader on a cell that was not saved hears why: the status line.
    if (classe === "cpro-case--erreur") {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", etat.id);
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  }

  function normaliser(valeur) {
    const v = valeur.trim().toUpperCase();
    if (echelle.includes(v) || speciaux.includes(v) || v === "") return v;
    if (v === "A" && speciaux.includes("ABS")) return "ABS";
    if (v === "N" && speciaux.includes("NE")) return "NE";
    return null;
  }

  function changer(input, valeur) {
    const k = cle(input);
    input.value = valeur;
    if (valeur === input.dataset.enregistre && !envoyees.has(k)) {
      enAttente.delete(k);
      marquer(input);
      return;
    }
    enAttente.add(k);
    marquer(input, "cpro-case--attente");
    planifier();
  }

  function planifier() {
    clearTimeout(minuteur);
    minuteur = setTimeout(envoyer, 250);
  }

  function envoyer() {
    if (enCours || enAttente.size === 0) return;
    enCours = true;
    echec = false;
    envoyees = new Map(Array.from(enAttente, (k) => [k, cellule(k).value]));
    enAttente.clear();
    const cases = Array.from(envoyees, ([k, code]) => {
      const [ligne, colonne] = k.split("-").map(Number);
      return {ligne, colonne, code, version: Number(version(k).value)};
    });
    etat.textContent = form.dataset.envoi;
    etat.className = "cpro-etat";
    fetch(form.action, {
      method: "POST", credentials: "same-origin", body: JSON.stringify({cases}),
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "HX-Request": "true"},
    }).then((reponse) => reponse.text().then((texte) => recevoir(reponse.status, texte)))
      .catch(() => { if (envoyees.size) signalerEchec(0); })   // no answer came at all
      .finally(() => {
        enCours = false;
        if (enAttente.size && !echec) planifier();
      });
  }

  // Not saved: the batch waits with the cells still to send, until the teacher retries.
  function signalerEchec(status) {
    echec = true;
    envoyees.forEach((valeur, k) => {
      enAttente.add(k);
      marquer(cellule(k), "cpro-case--erreur");
    });
    envoyees = new Map();
    etat.textContent = status === 503 ? form.dataset.occupe : form.dataset.echec;
    etat.className = "cpro-etat cpro-etat--erreur";
    reessayer.hidden = false;
  }

  function relancer() {
    if (enAttente.size === 0) return;
    enAttente.forEach((k) => marquer(cellule(k), "cpro-case--attente"));
    clearTimeout(minuteur);
    envoyer();
  }

  reessayer.addEventListener("click", relancer);

  // The fragment's out-of-band parts, applied as htmx would, in one pass: htmx's own swap
  // lays out the page again for each part, 90 s for the 1,600 new versions of a 40 × 40 grid.
  function appliquer(texte) {
    const fragment = new DOMParser().parseFromString(texte, "text/html");
    fragment.querySelectorAll("[hx-swap-oob]").forEach((el) => {
      const [style, selecteur] = el.getAttribute("hx-swap-oob").split(":");
      if (style === "true") {   // the element with the same id: a cell's new version
        const cible = document.getElementById(el.id);
        if (cible && cible.tagName === "INPUT") cible.value = el.value;
        else if (cible) cible.replaceWith(document.importNode(el, true));
        return;
      }
      const cible = document.querySelector(selecteur);
      if (!cible) return;
      if (style === "innerHTML") cible.replaceChildren(...el.childNodes);
      else if (style === "beforeend") cible.append(...el.childNodes);
    });
  }

  // 200, 409 (conflict), 422 and 400 (refused) carry the grid's fragment to swap.
  function recevoir(status, texte) {
    if (![200, 400, 409, 422].includes(status)) {
      signalerEchec(status);
      return;
    }
    appliquer(texte);
    if (reessayer.hidden === false) {
      if (document.activeElement === reessayer) cellule(envoyees.keys().next().value).focus();
      reessayer.hidden = true;
    }
    if (status === 200) {
      envoyees.forEach((valeur, k) => {
        const input = cellule(k);
        input.dataset.enregistre = valeur;
        if (input.value !== valeur) enAttente.add(k);   // changed again meanwhile
        if (!enAttente.has(k)) marquer(input);
        retirerConflit(k);
      });
      etat.className = "cpro-etat cpro-etat--ok";
    } else if (status === 409) {
      const enConflit = new Set(Array.from(conflits.querySelectorAll(".cpro-conflit"))
        .map((el) => el.dataset.cle));
      dedoublonner();
      envoyees.forEach((valeur, k) => {
        if (enConflit.has(k)) marquer(cellule(k), "cpro-case--conflit");
        else enAttente.add(k);   // the rest of the batch goes again, alone
      });
      etat.className = "cpro-etat cpro-etat--conflit";
    } else {
      // Refused as a whole, the server's fragment says why. The cells keep what was typed
      // (never the saved values again): they go again once retyped, or with « Enregistrer
      // la grille », which sends every cell that differs from its saved value.
      envoyees.forEach((valeur, k) => marquer(cellule(k), "cpro-case--erreur"));
      if (etat.textContent === form.dataset.envoi) etat.textContent = form.dataset.echec;
      etat.className = "cpro-etat cpro-etat--erreur";
    }
    envoyees = new Map();
  }

  function dedoublonner() {
    const vus = new Map();
    conflits.querySelectorAll(".cpro-conflit").forEach((el) => {
      if (vus.has(el.dataset.cle)) vus.get(el.dataset.cle).remove();
      vus.set(el.dataset.cle, el);
    });
  }

  function retirerConflit(k) {
    conflits.querySelectorAll(".cpro-conflit").forEach((el) => {
      if (el.dataset.cle === k) el.remove();
    });
  }

  conflits.addEventListener("click", (event) => {
    const bouton = event.target.closest("[data-garder], [data-prendre]");
    if (!bouton) return;
    event.preventDefault();
    const k = bouton.dataset.garder || bouton.dataset.prendre;
    const input = cellule(k);
    version(k).value = bouton.dataset.version;
    retirerConflit(k);
    if (bouton.dataset.prendre) {
      input.value = input.dataset.enregistre = bouton.dataset.code;
      marquer(input);
    } else {
      input.dataset.enregistre = "";   // force the send: the server decides if it changed
      changer(input, bouton.dataset.code);
    }
    input.focus();
  });

  // Moving around: the grid is rows × columns of inputs (read-only rows have none).
  const lignes = Array.from(form.querySelectorAll("tbody tr"))
    .map((tr) => Array.from(tr.querySelectorAll("input.cpro-saisie")))
    .filter((ligne) => ligne.length);
  function position(input) {
    for (let i = 0; i < lignes.length; i++) {
      const j = lignes[i].indexOf(input);
      if (j >= 0) return [i, j];
    }
    return [0, 0];
  }
  function aller(i, j) {
    if (i < 0 || i >= lignes.length) return;
    const ligne = lignes[i];
    const cible = ligne[Math.max(0, Math.min(j, ligne.length - 1))];
    cible.focus();
    cible.select();
  }
  function suivante(input) {
    const [i, j] = position(input);
    if (j + 1 < lignes[i].length) aller(i, j + 1);
    else aller(i + 1, 0);
  }

  function remplir(cases, valeur) {
    cases.filter((input) => input.value === "").forEach((input) => changer(input, valeur));
  }
  function casesDe(attribut, id) {
    return inputs.filter((input) => input.dataset[attribut] === id);
  }

  form.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.classList || !input.classList.contains("cpro-saisie")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const [i, j] = position(input);
    const touche = event.key;
    const deplacements = {
      ArrowLeft: [i, j - 1], ArrowRight: [i, j + 1], ArrowUp: [i - 1, j],
      ArrowDown: [i + 1, j], Enter: [i + 1, j], Home: [i, 0], End: [i, lignes[i].length - 1],
    };
    if (touche in deplacements) {
      event.preventDefault();
      if (touche === "Enter" && echec) relancer();
      aller(...deplacements[touche]);
    } else if (echelle.includes(touche)) {
      event.preventDefault();
      changer(input, touche);
      suivante(input);
    } else if ((touche === "a" || touche === "A") && speciaux.includes("ABS")) {
      event.preventDefault();
      changer(input, "ABS");
      suivante(input);
    } else if (effacer && ["Delete", "Backspace"].includes(touche)) {
      event.preventDefault();
      changer(input, "");
    } else if (speciaux.includes("NE") && ["n", "N", "Delete", "Backspace"].includes(touche)) {
      event.preventDefault();
      changer(input, input.dataset.enregistre === "" && touche.length > 1 ? "" : "NE");
    } else if ((touche === "l" || touche === "L") && input.value) {
      event.preventDefault();
      remplir(casesDe("ligne", input.dataset.ligne), input.value);
    } else if ((touche === "c" || touche === "C") && input.value) {
      event.preventDefault();
      remplir(casesDe("colonne", input.dataset.colonne), input.value);
    } else if (touche === "d" || touche === "D") {
      event.preventDefault();
      window.location = input.closest("td").querySelector("a.cpro-detail").href;
    } else if (touche.length === 1) {
      event.preventDefault();   // nothing else is a value
    }
  });

  // Pasted or dictated text: keep it only when it is a value of the scale.
  form.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.classList.contains("cpro-saisie")) return;
    const valeur = normaliser(input.value);
    if (valeur === null) { input.value = input.dataset.enregistre; return; }
    changer(input, valeur);
  });

  form.addEventListener("click", (event) => {
    const bouton = event.target.closest("button.cpro-remplir");
    if (!bouton) return;
    const valeur = document.getElementById("valeur-remplissage").value;
    if (bouton.dataset.ligne) remplir(casesDe("ligne", bouton.dataset.ligne), valeur);
    else remplir(casesDe("colonne", bouton.dataset.colonne), valeur);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    inputs.forEach((input) => {
      if (input.value !== input.dataset.enregistre) enAttente.add(cle(input));
    });
    relancer();
  });

  window.addEventListener("beforeunload", (event) => {
    if (enAttente.size || enCours) {
      event.preventDefault();
      event.returnValue = form.dataset.enAttente;
    }
  });
})();
