import { deleteRecording, getRecordingDetails, listRecordingsPage } from '../../webex/recordingsApi.ts';
import { WebexForbidden, WebexNotFound } from '../../webex/webexErrors.ts';
import type { WebexTokens } from '../../webex/webexTokens.ts';
import type { Check } from '../check.ts';

export async function recordingChecks(
  client: ReturnType<WebexTokens['clientFor']>,
  who: string,
  id: string,
  add: (c: Check) => void,
) {
  try {
    const [first] = await listRecordingsPage(client, { max: 1 });
    if (first) {
      const details = await getRecordingDetails(client, first.id);
      const link = details.temporaryDirectDownloadLinks?.audioDownloadLink;
      if (!link) {
        add({
          id: `${id}:download`,
          title: `Aufnahmen laden (${who})`,
          status: 'fail',
          de: 'Webex liefert keine Download-Links (Admin-Token oder „Prevent Downloading“ aktiv)',
          en: 'no temporary download links',
          fix: 'Die Leitung des Recruiters selbst verbinden (nicht den Admin) oder im Control Hub das Herunterladen erlauben.',
        });
      } else {
        const res = await fetch(link, {
          headers: { range: 'bytes=0-0' },
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        add(
          res.ok
            ? {
                id: `${id}:download`,
                title: `Aufnahmen laden (${who})`,
                status: 'ok',
                de: 'Testdownload erfolgreich',
                en: 'test download ok',
              }
            : {
                id: `${id}:download`,
                title: `Aufnahmen laden (${who})`,
                status: 'fail',
                de: `Testdownload scheitert (${res.status}${res.status === 403 ? ': Link abgelaufen oder verweigert' : ''})`,
                en: `test download failed ${res.status}`,
                fix: 'Links gelten 3 Stunden; bleibt der Fehler, Webex unter /webex neu verbinden.',
              },
        );
      }
    } else {
      add({
        id: `${id}:download`,
        title: `Aufnahmen laden (${who})`,
        status: 'ok',
        de: 'Liste lesbar (keine Aufnahme zum Testen vorhanden)',
        en: 'list readable',
      });
    }
  } catch (err) {
    const forbidden = err instanceof WebexForbidden;
    add({
      id: `${id}:download`,
      title: `Aufnahmen laden (${who})`,
      status: 'fail',
      de: forbidden
        ? 'Aufnahmen können nicht geladen werden – Berechtigung spark:recordings_read fehlt'
        : `Aufnahmen nicht lesbar: ${(err as Error).message}`,
      en: forbidden ? 'missing spark:recordings_read' : 'recordings not readable',
      fix: 'Webex unter /webex neu verbinden und alle Berechtigungen erlauben.',
    });
  }
  // Dry run: deleting an id that cannot exist answers 404 when deleting is allowed, 403 when it is not.
  try {
    await deleteRecording(client, 'callbridge-doctor-dry-run');
    add({
      id: `${id}:delete`,
      title: `Aufnahmen löschen (${who})`,
      status: 'warn',
      de: 'unerwartete Antwort auf den Probe-Löschaufruf',
      en: 'unexpected answer to dry-run delete',
    });
  } catch (err) {
    if (err instanceof WebexNotFound) {
      add({
        id: `${id}:delete`,
        title: `Aufnahmen löschen (${who})`,
        status: 'ok',
        de: 'erlaubt (Probe ohne echte Aufnahme)',
        en: 'delete permitted (dry run)',
      });
    } else if (err instanceof WebexForbidden) {
      add({
        id: `${id}:delete`,
        title: `Aufnahmen löschen (${who})`,
        status: 'fail',
        de: 'Aufnahmen können nicht gelöscht werden (DSGVO) – Berechtigung spark:recordings_write fehlt',
        en: '403 on delete: missing spark:recordings_write',
        fix: 'Webex unter /webex neu verbinden und „spark:recordings_write“ erlauben.',
      });
    } else {
      add({
        id: `${id}:delete`,
        title: `Aufnahmen löschen (${who})`,
        status: 'warn',
        de: `Probe nicht möglich: ${(err as Error).message}`,
        en: 'dry-run delete not possible',
      });
    }
  }
}
