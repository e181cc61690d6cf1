/** Fields whose values never reach a log line, at the top of a line's fields. */
const SECRET_FIELDS = [
  'authorization',
  'apiKey',
  'key',
  'token',
  'accessToken',
  'secret',
  'secrets',
  'webhookSecret',
  'signingSecret',
  'secretKey',
  'jwtSecret',
  'password',
  'card',
  'cardNumber',
  'cvc',
];
/** Headers whose values never reach a log line, in the `headers` of a request or a response. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'stripe-signature', 'webhook-signature'];
const HEADER_HOLDERS = ['headers', 'req.headers', 'request.headers', 'res.headers', 'response.headers'];

/**
 * pino's `redact` paths. Each is written out: a path with a wildcard costs every line
 * about 15 times its own writing (fast-redact), and the shapes below catch the rest.
 */
export const REDACT_PATHS: readonly string[] = [...SECRET_FIELDS, ...HEADER_HOLDERS.flatMap((holder) => SECRET_HEADERS.map((name) => `${holder}["${name}"]`))];

export const REDACTED = '[redacted]';

/**
 * Secrets recognised by their shape wherever they appear in a line (a message, an error's
 * stack, a URL): the platform's API keys (`bk_<id>_<secret>`: the id stays), app tokens
 * (JWTs) and bearer credentials, webhook secrets (`whsec_`, ours and Stripe's), Stripe keys,
 * Stripe and Standard Webhooks signatures, and card numbers.
 */
const SECRET_VALUES: readonly (readonly [RegExp, string])[] = [
  [/\b(bk_[\da-f]{24}_)[\w-]+/g, `$1${REDACTED}`],
  [/\bwhsec_[\w+/=-]+/g, `whsec_${REDACTED}`],
  [/\b([rs]k_(?:test|live)_)\w+/g, `$1${REDACTED}`],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  [/\b(bearer\s+)[^\s"\\,]+/gi, `$1${REDACTED}`],
  [/\b(v[01]=)[\da-f]{64}/g, `$1${REDACTED}`],
  [/\b(v1,)[A-Za-z\d+/]{43}=?/g, `$1${REDACTED}`],
];
const SECRET_HINT = /bk_|whsec_|k_(?:test|live)_|eyJ|bearer|v[01][=,]|\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{3}/i;
const CARD_NUMBER = /(?<![\d.])\d(?:[ -]?\d){14,18}(?![\d.])/g;

/** A log line with every secret recognised by its shape replaced; most lines have none and are returned as they are. */
export function scrubSecrets(line: string): string {
  if (!SECRET_HINT.test(line)) return line;
  let scrubbed = line;
  for (const [pattern, replacement] of SECRET_VALUES) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed.replace(CARD_NUMBER, (digits) => (passesLuhn(digits.replace(/[ -]/g, '')) ? REDACTED : digits));
}

/** Card numbers carry a Luhn check digit: other long numbers (most of them) do not pass. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}
