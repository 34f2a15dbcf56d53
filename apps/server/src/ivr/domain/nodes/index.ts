import { type FlowNodeKind } from '@ccx/contracts';
import { callbackNode } from './callback.js';
import { collectNode } from './collect.js';
import { crmLookupNode } from './crm-lookup.js';
import { businessHoursNode, conditionNode, setVariableNode } from './decisions.js';
import { queueNode, transferNode } from './handoff.js';
import { languageChoiceNode, menuNode } from './menu.js';
import { type NodeHandler } from './node-handler.js';
import { hangupNode, playNode } from './play.js';
import { surveyNode } from './survey.js';
import { voicemailNode } from './voicemail.js';

/** One handler per node kind; a new kind in contracts is a compile error here until it has one. */
export const NODE_HANDLERS: { [K in FlowNodeKind]: NodeHandler<K> } = {
  play: playNode,
  menu: menuNode,
  collect: collectNode,
  condition: conditionNode,
  businessHours: businessHoursNode,
  crmLookup: crmLookupNode,
  setVariable: setVariableNode,
  languageChoice: languageChoiceNode,
  queue: queueNode,
  transfer: transferNode,
  voicemail: voicemailNode,
  callback: callbackNode,
  survey: surveyNode,
  hangup: hangupNode,
};
