import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { allowWebMessageTo } from '../../../http/security_headers.js';
import { views } from '../../../http/views.js';

/**
 * The page's one script: posts `{type: 'authorization_response', response}` to the window that
 * asked (the app that opened the popup, else the app that framed this page), addressed to the app's
 * origin alone, and does nothing else. Its text never varies, so the page's CSP allows it by its
 * hash; the response travels in an HTML-escaped attribute, so no request value is ever script.
 */
const SCRIPT =
  "(function(){'use strict';" +
  "var data=document.getElementById('authorization-response');" +
  'var target=window.opener||(window.parent!==window?window.parent:null);' +
  'if(!data||!target)return;' +
  "target.postMessage({type:'authorization_response',response:JSON.parse(data.getAttribute('data-response'))},data.getAttribute('data-origin'));" +
  '})();';

const SCRIPT_HASH = `'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`;

/**
 * response_mode=web_message (Auth0's, used by auth0-spa-js): the response as a small page that
 * posts it to `origin`, which the caller has checked is one of the client's Allowed Web Origins
 * (web_message_origin.ts). Only that origin may frame the page (silent login in a hidden iframe);
 * in a popup the page keeps its opener (loginWithPopup).
 */
export function sendWebMessage(res: Response, origin: string, fields: readonly [string, string][]): void {
  allowWebMessageTo(res, origin, SCRIPT_HASH);
  views().send(res, 'login/web_message', { origin, response: JSON.stringify(Object.fromEntries(fields)), script: SCRIPT });
}
