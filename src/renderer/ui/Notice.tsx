/** The confirmation a screen shows after an action ("X is opgeslagen."); read out politely. */
export function SuccessNotice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="notice notice--success" aria-live="polite">
      {text}
    </p>
  );
}
