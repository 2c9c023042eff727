/** The one line that says why a form was refused; renders nothing when there is no error. */
export function FormError({ error, className = '' }: { error: string | null | undefined; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={`text-sm text-bad ${className}`}>
      {error}
    </p>
  );
}
