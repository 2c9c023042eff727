/** The feature key of a `[key]` route segment; a key that is not valid percent-encoding is taken as written. */
export function featureKeyOf(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}
