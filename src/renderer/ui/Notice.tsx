/** The confirmation a screen shows after an action ("X is opgeslagen."); read out politely. */
export function SuccessNotice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="notice notice--success" aria-live="polite">
      {text}
    </p>
  );
}

/** What went wrong with an action as a whole (not one field's input); read out at once. */
export function ErrorNotice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="notice notice--error" role="alert">
      {text}
    </p>
  );
}
