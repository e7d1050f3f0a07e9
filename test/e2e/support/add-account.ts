import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AccountDraft } from '../../../app/domain/account';

/** Fills the "Add account" form the way a person would, from a draft's values. */
export async function fillAccountForm(page: Page, draft: AccountDraft): Promise<void> {
  await page.click('button.open-add-account');
  await page.fill('#account-email', draft.email);
  await page.fill('#account-display-name', draft.displayName);
  await page.selectOption('#incoming-protocol', draft.incoming.protocol);
  await page.fill('#incoming-host', draft.incoming.host);
  await page.selectOption('#incoming-security', draft.incoming.security);
  await page.fill('#incoming-port', String(draft.incoming.port));
  await page.fill('#incoming-username', draft.incoming.username);
  await page.fill('#incoming-password', draft.incoming.password);
  await page.fill('#outgoing-host', draft.outgoing.host);
  await page.selectOption('#outgoing-security', draft.outgoing.security);
  await page.fill('#outgoing-port', String(draft.outgoing.port));
}

/** Submits, and trusts the server's certificate when asked, as a user of a self-signed server would. */
export async function submitTrustingCertificate(page: Page): Promise<void> {
  await page.click('button.add-account-submit');
  const trust = page.locator('button.trust-certificate');
  await expect.poll(async () => (await trust.count()) > 0 || (await page.locator('form.add-account').count()) === 0, { timeout: 30_000 }).toBe(true);
  while ((await trust.count()) > 0) await trust.first().click();
  if ((await page.locator('form.add-account').count()) > 0) await page.click('button.add-account-submit');
}
