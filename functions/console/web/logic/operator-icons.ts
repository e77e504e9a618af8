// Which icon stands beside an operator: its family's (`=` for equality, a calendar for dates, a
// pin for places), so the condition editor and the Why? view can show one per operator.

import { OPERATOR_SPECS, type Operator } from '../../../../shared/rules/index.ts';

export type OperatorFamilyIcon = (typeof OPERATOR_SPECS)[Operator]['family'];

export function operatorIcon(op: Operator): OperatorFamilyIcon {
  return OPERATOR_SPECS[op].family;
}
