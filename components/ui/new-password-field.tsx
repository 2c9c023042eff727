import { Field } from './field';

/** A new password, with the rule the server's schema enforces (at least 8 characters). */
export function NewPasswordField({ errors, hint }: { errors?: string[]; hint?: string }) {
  return (
    <Field
      label="Password"
      name="password"
      type="password"
      autoComplete="new-password"
      required
      minLength={8}
      errors={errors}
      hint={hint ?? 'At least 8 characters.'}
    />
  );
}
