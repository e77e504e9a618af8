// A form field's refusal messages under it, with the id its input points to (aria-describedby).

export const messageId = (field: string) => `${field}-error`;

export function FieldMessages({ field, messages }: { field: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div class="issues" id={messageId(field)}>
      {messages.map((m) => <p class="error" key={m}>{m}</p>)}
    </div>
  );
}

/** The attributes of an input with messages: described by them and marked invalid. */
export function invalidProps(field: string, messages: readonly string[]): Record<string, string> {
  return messages.length === 0 ? {} : { 'aria-invalid': 'true', 'aria-describedby': messageId(field) };
}
