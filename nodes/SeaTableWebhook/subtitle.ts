// The Webhook node's subtitle on the canvas, in words: what is sent, and where
// ("Row id + action to example.com/hook"). n8n evaluates it as an expression.
const WHAT = '({actionAndRow: "Row id + action", item: "Input item", custom: "Custom JSON"}[$parameter.payload] || "JSON")';
const WHERE = '($parameter.url ? " to " + String($parameter.url).replace(/^https?:\\/\\//, "").replace(/[?#].*$/, "") : " (no URL yet)")';

export const webhookSubtitle = `={{ ${WHAT} + ${WHERE} }}`;
