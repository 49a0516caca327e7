// Copy buttons: <button class="copy" data-copy="ID" hidden> copies the text of element ID. Shown only where the
// clipboard can be written (a secure context), so without it the page keeps the selectable text alone.
(() => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = "✓";
      setTimeout(() => { button.textContent = label; }, 1500);
    });
  }
})();
