import { createHash } from 'node:crypto';

/**
 * The `udid` the relay sends the game server (`POST {appId, udid}`) for a session's player: derived from the token's
 * appId and openid, never read from the request, so no client can ask about another player's purchase counts or
 * first-charge limits. 32 hex digits, the shape of the device id the client used to send; the openid itself never
 * leaves the relay, yet a game server that keys its players by openid can compute the same value:
 * `sha256("minigame-purchase catalog udid\n" + appId + "\n" + openid)`, hex, first 32 digits. Unkeyed on purpose:
 * it stays the same across relays and secret rotations, so a player's state on the game server is never orphaned.
 */
export function catalogUdid(appId: string, openid: string): string {
  return createHash('sha256').update(`minigame-purchase catalog udid\n${appId}\n${openid}`).digest('hex').slice(0, 32);
}
