// Heuristics that keep secret material out of the credential register. The register stores metadata and
// fingerprints only, so any input field named like a secret, or any string that looks like a private key,
// a PEM block or a well-known token format, is refused before anything is decoded or stored. The reason
// never quotes the value.

const SECRET_KEYS = /^(secret|secrets|privatekey|private_key|password|passphrase|pem|keymaterial|key_material|secretkey|secret_key|clientsecret|client_secret|apikey|api_key|token|tokenvalue|value|key|material|pfx|p12|jwk)$/i

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, "contains a PEM private key"],
  [/-----BEGIN [A-Z0-9 ]+-----/, "contains a PEM block; give its fingerprint instead"],
  [/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, "looks like a JSON Web Token"],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, "looks like an AWS access key"],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, "looks like a GitHub token"],
  [/\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/, "looks like a Stripe secret key"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, "looks like a Slack token"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, "looks like a Google API key"]
]

/** The first field that holds or is named like secret material, with why; undefined when the input is clean. */
export const findSecret = (input: unknown, path = ""): { readonly field: string; readonly reason: string } | undefined => {
  if (typeof input === "string") {
    for (const [pattern, reason] of PATTERNS) if (pattern.test(input)) return { field: path, reason }
    return undefined
  }
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) {
      const found = findSecret(input[i], `${path}[${i}]`)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (typeof input === "object" && input !== null) {
    for (const [key, value] of Object.entries(input)) {
      const field = path === "" ? key : `${path}.${key}`
      if (SECRET_KEYS.test(key)) return { field, reason: "is a secret field; the register keeps metadata and fingerprints only" }
      const found = findSecret(value, field)
      if (found !== undefined) return found
    }
  }
  return undefined
}
