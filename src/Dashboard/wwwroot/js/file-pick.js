// A file input behind a localised label (.file-pick): shows the chosen files' names, as text.
for (const label of document.querySelectorAll('.file-pick')) {
  const input = label.querySelector('input[type=file]');
  const chosen = label.querySelector('.chosen');
  const show = () => {
    chosen.textContent = input.files.length ? [...input.files].map(f => f.name).join(', ') : chosen.dataset.none;
  };
  input.addEventListener('change', show);
  input.form?.addEventListener('reset', () => setTimeout(show));
}
