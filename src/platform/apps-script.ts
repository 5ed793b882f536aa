// The ports of platform/ports.ts, implemented with the real Apps Script services. Nothing else in
// src/ touches a global service except chat/advanced-service.ts (eslint.config.mjs enforces it).
import type {
  Cell,
  ClockPort,
  CryptoPort,
  LockPort,
  LoggerPort,
  CalendarPort,
  CachePort,
  DrivePort,
  HttpPort,
  SignerPort,
  SheetPort,
  StorePort,
  TriggerPort,
  UiPort,
  WorkbookPort,
} from './ports';
import { redact } from '../text/redact';

function sheetPort(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetPort {
  // A range past the sheet's grid throws, so writes grow the grid first; its size is asked once.
  let size: { rows: number; columns: number } | null = null;
  const fit = (lastRow: number, lastColumn: number) => {
    size ??= { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() };
    if (lastRow > size.rows) {
      sheet.insertRowsAfter(size.rows, lastRow - size.rows);
      size.rows = lastRow;
    }
    if (lastColumn > size.columns) {
      sheet.insertColumnsAfter(size.columns, lastColumn - size.columns);
      size.columns = lastColumn;
    }
  };
  return {
    name: sheet.getName(),
    id: sheet.getSheetId(),
    read(display) {
      const range = sheet.getDataRange();
      const values = range.getValues() as Cell[][];
      const empty = values.length === 1 && values[0].length === 1 && values[0][0] === '';
      if (empty) return { values: [], display: display ? [] : null };
      return { values, display: display ? range.getDisplayValues() : null };
    },
    write(row, column, values) {
      if (values.length === 0 || values[0].length === 0) return;
      fit(row + values.length - 1, column + values[0].length - 1);
      sheet.getRange(row, column, values.length, values[0].length).setValues(values);
    },
    deleteRows(row, count) {
      if (count > 0) sheet.deleteRows(row, count);
      size = null;
    },
    extent() {
      // The data range's size comes with it: its last row and column need no call of their own.
      const range = sheet.getDataRange();
      const lastRow = range.getLastRow();
      const width = range.getLastColumn();
      const header = sheet.getRange(1, 1, 1, width).getValues()[0] as Cell[];
      // An empty tab's data range is A1 alone, blank.
      const empty = lastRow === 1 && header.every((v) => v === '');
      return empty ? { lastRow: 0, header: [] } : { lastRow, header };
    },
    setNotes(row, column, notes) {
      fit(row + notes.length - 1, column + notes[0].length - 1);
      sheet.getRange(row, column, notes.length, notes[0].length).setNotes(notes);
    },
    setDropdown(column, values) {
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList([...values], true)
        .setAllowInvalid(true)
        .build();
      sheet.getRange(2, column, Math.max(sheet.getMaxRows() - 1, 1), 1).setDataValidation(rule);
    },
    setColumnFormat(column, format) {
      sheet.getRange(2, column, Math.max(sheet.getMaxRows() - 1, 1), 1).setNumberFormat(format);
    },
    freezeRows(count) {
      if (sheet.getFrozenRows() !== count) sheet.setFrozenRows(count);
    },
  };
}

export function workbook(): WorkbookPort {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    id: ss.getId(),
    timeZone: ss.getSpreadsheetTimeZone(),
    sheet(name) {
      const s = ss.getSheetByName(name);
      return s ? sheetPort(s) : null;
    },
    sheetNames: () => ss.getSheets().map((s) => s.getName()),
    createSheet: (name) => sheetPort(ss.insertSheet(name)),
    selection() {
      const sheet = ss.getActiveSheet();
      const rows = new Set<number>();
      const list = ss.getActiveRangeList();
      for (const r of list ? list.getRanges() : []) {
        for (let i = 0; i < r.getNumRows(); i++) rows.add(r.getRow() + i);
      }
      return { sheet: sheet.getName(), rows: [...rows].sort((a, b) => a - b) };
    },
    flush: () => SpreadsheetApp.flush(),
  };
}

export function ui(): UiPort {
  const u = SpreadsheetApp.getUi();
  // Only toasts need the spreadsheet: onOpen builds its menu through this port and, as a simple
  // trigger, touches nothing but the UI.
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  const spreadsheet = () => (ss ??= SpreadsheetApp.getActiveSpreadsheet());
  return {
    toast: (message, title) => spreadsheet().toast(redact(message), title ?? 'Chat', 8),
    alert: (title, message) => void u.alert(title, redact(message), u.ButtonSet.OK),
    confirm: (title, message) => u.alert(title, redact(message), u.ButtonSet.YES_NO) === u.Button.YES,
    prompt(title, message) {
      const r = u.prompt(title, message, u.ButtonSet.OK_CANCEL);
      return r.getSelectedButton() === u.Button.OK ? r.getResponseText() : null;
    },
    showSidebar: (html, title) => u.showSidebar(HtmlService.createHtmlOutput(html).setTitle(title)),
    addMenu(title, entries) {
      const m = u.createMenu(title);
      for (const entry of entries) {
        if (entry === 'separator') m.addSeparator();
        else m.addItem(entry.caption, entry.fn);
      }
      m.addToUi();
    },
  };
}

export function scriptStore(): StorePort {
  const p = PropertiesService.getScriptProperties();
  return {
    get: (k) => p.getProperty(k),
    set: (k, v) => void p.setProperty(k, v),
    remove: (k) => void p.deleteProperty(k),
    keys: () => p.getKeys(),
  };
}

export const clock: ClockPort = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.round(ms))),
};

export function documentLock(): LockPort {
  const lock = LockService.getDocumentLock();
  return {
    tryLock: (ms) => lock.tryLock(ms),
    release: () => lock.releaseLock(),
  };
}

export const triggers: TriggerPort = {
  list: () =>
    ScriptApp.getProjectTriggers().map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() })),
  after: (handler, ms) => void ScriptApp.newTrigger(handler).timeBased().after(ms).create(),
  everyMinutes: (handler, minutes) =>
    void ScriptApp.newTrigger(handler).timeBased().everyMinutes(minutes).create(),
  remove(id) {
    const t = ScriptApp.getProjectTriggers().find((x) => x.getUniqueId() === id);
    if (t) ScriptApp.deleteTrigger(t);
  },
};

const hex = (bytes: number[]) => bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');

export const crypto: CryptoPort = {
  sha256Hex: (text) =>
    hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)),
  uuid: () => Utilities.getUuid(),
};

export const logger: LoggerPort = { log: (m) => console.log(redact(m)) };

export function activeUserEmail(): string {
  return Session.getActiveUser().getEmail();
}

/** The script's own OAuth token, carrying the manifest's scopes: what REST calls to Chat send. */
export const oauthToken = (): string => ScriptApp.getOAuthToken();

export const http: HttpPort = {
  fetchAll(requests) {
    if (!requests.length) return [];
    const responses = UrlFetchApp.fetchAll(
      requests.map((r) => ({
        url: r.url,
        method: r.method,
        headers: r.headers,
        payload: r.payload,
        contentType: r.contentType,
        muteHttpExceptions: true,
        followRedirects: false,
      })),
    );
    return responses.map((res) => ({ code: res.getResponseCode(), text: res.getContentText() }));
  },
};

/** Apps Script's words for a file that doesn't exist or that the person may not open. */
const NO_ITEM = /No item with the given ID could be found/i;

export const drive: DrivePort = {
  find(id) {
    try {
      const f = DriveApp.getFileById(id);
      return {
        ok: true,
        file: {
          id: f.getId(),
          name: f.getName(),
          size: f.getSize(),
          mimeType: f.getMimeType(),
          trashed: f.isTrashed(),
        },
      };
    } catch (e) {
      const message = redact(e instanceof Error ? e.message : String(e));
      return { ok: false, missing: NO_ITEM.test(message), message };
    }
  },
  content(id) {
    const blob = DriveApp.getFileById(id).getBlob();
    return {
      name: blob.getName() ?? '',
      contentType: blob.getContentType() ?? 'application/octet-stream',
      bytes: () => blob.getBytes(),
      blob: () => blob,
    };
  },
};

export function scriptCache(): CachePort {
  const c = CacheService.getScriptCache();
  return {
    get: (k) => c.get(k),
    put: (k, v, s) => c.put(k, v, Math.max(1, Math.min(21600, Math.floor(s)))),
    remove: (k) => c.remove(k),
  };
}

const unpadded = (b64: string) => b64.replace(/=+$/, '');

export const signer: SignerPort = {
  rsaSha256: (input, pem) =>
    unpadded(Utilities.base64EncodeWebSafe(Utilities.computeRsaSha256Signature(input, pem))),
  base64url: (text) => unpadded(Utilities.base64EncodeWebSafe(text, Utilities.Charset.UTF_8)),
};

export const calendar: CalendarPort = {
  offsetMinutes(utcMs, tz) {
    const z = Utilities.formatDate(new Date(utcMs), tz, 'Z'); // e.g. +0100
    const m = /^([+-])(\d{2})(\d{2})$/.exec(z);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  },
  format: (date, tz, pattern) => Utilities.formatDate(date, tz, pattern),
};
