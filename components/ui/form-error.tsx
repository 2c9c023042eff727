/**
 * The one line that says why a form or dialog was refused; renders nothing when there is no
 * error. `boxed` sets it apart inside a dialog.
 */
export function FormError({
  error,
  boxed = false,
  className = '',
}: {
  error: string | null | undefined;
  boxed?: boolean;
  className?: string;
}) {
  if (!error) return null;
  return (
    <p role="alert" className={`text-sm text-bad ${boxed ? 'rounded-md bg-bad-bg px-3 py-2' : ''} ${className}`}>
      {error}
    </p>
  );
}
