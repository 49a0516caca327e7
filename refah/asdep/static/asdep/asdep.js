// Keeps the checklist's answers on the phone while it is filled: a dropped connection or a closed tab loses
// nothing. The draft is kept per visit and removed once the visit is saved (the visit page says so). The sealed
// section (violence) is never put in the draft: nothing of it stays on the phone.
(function () {
  var form = document.getElementById("checklist");
  if (form) {
    var key = "asdep-draft-" + form.dataset.visit;
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved && form.dataset.bound !== "1") {
      Object.keys(saved).forEach(function (name) {
        form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
          if (el.type === "radio") { el.checked = el.value === saved[name]; } else { el.value = saved[name]; }
        });
      });
    }
    form.addEventListener("change", function () {
      var data = {};
      var sealed = {};
      form.querySelectorAll("[data-sealed] [name]").forEach(function (el) { sealed[el.name] = true; });
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken" && !sealed[name]) data[name] = value;
      });
      try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* private mode: no draft */ }
    });
  }
  var done = document.querySelector("[data-visit-recorded]");
  if (done) { try { localStorage.removeItem("asdep-draft-" + done.dataset.visitRecorded); } catch (e) { /* none */ } }
})();
