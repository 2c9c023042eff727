// Every CLI command, in the order `switchboard help` lists them. Later commands add themselves here.
import type { Command } from '../command';
import { alertsEvaluate } from './alerts';
import { demo } from './demo';
import { evalRun } from './eval';
import { evalImport } from './eval-import';
import { evalImportJunit } from './eval-import-junit';
import { keysCreate, keysList, keysRevoke } from './keys';
import { migrate } from './migrate';
import { mockProvider } from './mock-provider';
import { retention } from './retention';
import { rollupsRebuild } from './rollups';
import { sloApply, sloGet } from './slo';
import { start } from './start';
import { usersCreate, usersDisable, usersEnable, usersList, usersSetPassword, usersSetRole } from './users';

export const COMMANDS: Command[] = [
  start,
  migrate,
  usersCreate,
  usersList,
  usersSetRole,
  usersDisable,
  usersEnable,
  usersSetPassword,
  keysCreate,
  keysList,
  keysRevoke,
  mockProvider,
  demo,
  rollupsRebuild,
  retention,
  sloGet,
  sloApply,
  alertsEvaluate,
  // `eval import junit` before `eval import` before `eval`: commands are found by their leading words, first match wins.
  evalImportJunit,
  evalImport,
  evalRun,
];
