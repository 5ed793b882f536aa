import type { Fake } from './realm';
import { FakeCacheService } from './services/cache';
import { FakeChat } from './services/chat';
import type { ServiceContext } from './services/context';
import { FakeDriveApp } from './services/drive';
import { FakeHtmlService } from './services/html';
import { FakeLockService } from './services/lock';
import { FakeConsole, FakeLogger } from './services/logger';
import { FakePropertiesService } from './services/properties';
import { FakeScriptApp } from './services/script-app';
import { FakeSession } from './services/session';
import { FakeSpreadsheetApp } from './services/spreadsheet';
import { FakeUrlFetchApp } from './services/url-fetch';
import { FakeUtilities } from './services/utilities';

/** The Apps Script globals one execution sees (fresh fakes per execution, shared host state). */
export function appsScriptGlobals(ctx: ServiceContext): Record<string, Fake> {
  return {
    SpreadsheetApp: new FakeSpreadsheetApp(ctx),
    PropertiesService: new FakePropertiesService(ctx),
    CacheService: new FakeCacheService(ctx),
    LockService: new FakeLockService(ctx),
    ScriptApp: new FakeScriptApp(ctx),
    Utilities: new FakeUtilities(ctx),
    Session: new FakeSession(ctx),
    Logger: new FakeLogger(ctx),
    console: new FakeConsole(ctx),
    UrlFetchApp: new FakeUrlFetchApp(ctx),
    Chat: new FakeChat(ctx),
    DriveApp: new FakeDriveApp(ctx),
    HtmlService: new FakeHtmlService(),
  };
}
