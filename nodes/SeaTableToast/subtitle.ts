// The Toast node's subtitle on the canvas, in words: "to Anna Schmidt", "to 2 people", or what
// is missing. n8n evaluates it as an expression against the node's parameters. $parameter.to gives
// a resource locator's value only; toJSON() gives the stored parameters, name (cachedResultName)
// and unevaluated expressions included.
const TO = '$parameter.toJSON().to';
const named = (text: string) => `(String(${text}).charAt(0) === "=" ? "to mapped recipients" : "to " + ${text})`;
// Version 2's locator: the name kept from the list, else what was typed.
const FROM_LOCATOR = `(${TO}.value ? (${TO}.cachedResultName ? "to " + ${TO}.cachedResultName : ${named(`${TO}.value`)}) : "Pick a recipient")`;
// Version 1's multi-select: usernames only, so a count when there are several.
const FROM_LIST = `(${TO}.length === 0 ? "Pick a recipient" : ${TO}.length === 1 ? "to " + ${TO}[0] : "to " + ${TO}.length + " people")`;

export const toastSubtitle = `={{ !${TO} ? "Pick a recipient" : ${TO}.__rl ? ${FROM_LOCATOR} : Array.isArray(${TO}) ? ${FROM_LIST} : ${named(TO)} }}`;
