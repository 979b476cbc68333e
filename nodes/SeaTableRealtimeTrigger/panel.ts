// What the editor shows around the trigger: the subtitle under its name on the canvas (in words:
// which changes in which table) and the trigger panel of "Execute step".
import type { TriggerPanelDefinition } from 'n8n-workflow';

// n8n evaluates the subtitle as an expression against the node's parameters. Version 2 keeps the
// table's name next to its id (cachedResultName), which only $parameter.toJSON() shows
// ($parameter.table gives the locator's value only); version 1 only has ids.
const KINDS = '{rowCreated: "Rows created", rowUpdated: "Rows updated", rowDeleted: "Rows deleted", linkChanged: "Links changed", schemaChanged: "Schema changed"}';
const KIND_WORDS = `(($parameter.operations || []).length ? $parameter.operations.map(kind => (${KINDS})[kind] || kind).join(", ") : "Any change")`;
const LOCATOR = '$parameter.toJSON().table';
// A table picked by URL: its id out of the ?tid= of the address.
const LOCATOR_WORDS = `(${LOCATOR}.value ? (${LOCATOR}.cachedResultName || "table " + (${LOCATOR}.mode === "url" ? (String(${LOCATOR}.value).match(/[?&]tid=([A-Za-z0-9_-]+)/) || [])[1] : ${LOCATOR}.value)) : "all tables")`;
const LIST_WORDS = '(($parameter.tables || []).length ? ($parameter.tables.length === 1 ? "table " + $parameter.tables[0] : $parameter.tables.length + " tables") : "all tables")';
const TABLE_WORDS = `(${LOCATOR} ? ${LOCATOR_WORDS} : ${LIST_WORDS})`;

export const triggerSubtitle = `={{ $parameter.event === "notification" ? "Notifications" : ${KIND_WORDS} + " in " + ${TABLE_WORDS} }}`;

const WHAT_TO_DO =
	'While it listens, go to the base in SeaTable and make a change of a kind chosen in <b>Operations</b> ' +
	'(all kinds when none is chosen) in the table chosen in <b>Table</b> (any table when none is chosen): ' +
	'add a row, edit a cell, link two rows. The change appears here within a second, with its row and the old values. ' +
	'The base is the one of the credential\'s API token. The step stops after <b>Manual Run Timeout</b> (2 minutes unless changed).';

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Make a change in SeaTable now',
	executionsHelp: {
		inactive:
			'<b>While building your workflow</b>, click "Execute step". ' +
			WHAT_TO_DO +
			'<br /><br /><b>Once you\'re happy with your workflow</b>, <a data-key="activate">publish</a> it. ' +
			'Then every matching change starts the workflow, in order, also the ones made while n8n was restarting. ' +
			'Those executions show up in the <a data-key="executions">executions list</a>, not here.',
		active:
			'<b>While building your workflow</b>, click "Execute step". ' +
			WHAT_TO_DO +
			'<br /><br /><b>Your workflow is published</b>: every matching change starts it, in order. ' +
			'Those executions show up in the <a data-key="executions">executions list</a>, not here.',
	},
	// Shown under the button, listening or not: what to do in SeaTable.
	activationHint: {
		inactive:
			'After "Execute step", make a change in SeaTable, in the base of the credential: in the table chosen under <b>Table</b> (any table when none), ' +
			'of a kind chosen under <b>Operations</b> (any kind when none). It shows up here within a second. ' +
			'Once you\'ve finished building your workflow, <a data-key="activate">publish it</a> to react to every change.',
		active:
			'After "Execute step", make a change in SeaTable, in the base of the credential: in the table chosen under <b>Table</b> (any table when none), ' +
			'of a kind chosen under <b>Operations</b> (any kind when none). The published workflow reacts to every such change.',
	},
};
