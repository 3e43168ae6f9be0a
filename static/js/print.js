// A print button for pages meant to be printed; without JavaScript it stays hidden and the
// browser's own print command does the same.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
