import type { Response } from 'express';
import type { Client } from '../../domain/types.js';
import type { FieldErrors } from '../form_fields.js';
import { renderPage } from '../views.js';

/**
 * The page that asks before a connection is turned off for an application with users
 * (client_switch.ts). `action` is where its form posts, `back` where Cancel leads: the switch's page.
 */
export function renderTurnOffPage(
  res: Response,
  page: { section: string; connectionName: string; client: Client; action: string; back: string; errors?: FieldErrors },
): void {
  const { section, connectionName, client, action, back, errors } = page;
  renderPage(
    res,
    'connection_turn_off',
    { title: `Turn ${connectionName} off for ${client.name}`, section, connectionName, clientName: client.name, action, back, errors },
    errors ? 400 : 200,
  );
}

/** The refusal of a turn-off form posted without its box ticked. */
export const TURN_OFF_UNCONFIRMED: FieldErrors = { confirm: 'Tick the box to confirm that these users cannot sign in through it from now on.' };
