// Small helpers the views share: reading an input's value from its event, saving a download,
// telling whether a key press is typing.

export const valueOf = (e: Event): string => (e.currentTarget as HTMLInputElement).value;
export const checkedOf = (e: Event): boolean => (e.currentTarget as HTMLInputElement).checked;

/** Saves a JSON value as a file download. */
export function download(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return el !== null && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}
