import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogRef } from '@angular/material/dialog';
import { Subject } from 'rxjs';
import { ApiRequestError } from '../../core/http/api-error-message';
import { ServiceOrchestrator } from '../../core/orchestration/service-orchestrator';
import { SERVICE_ORCHESTRATOR } from '../../core/orchestration/service-orchestrator.provider';
import { FakeOnboardingSteps } from '../orchestrator/fake-onboarding-steps';
import { ONBOARDING_STEPS } from '../orchestrator/onboarding-steps';
import { InviteDialog } from './invite-dialog';

describe('InviteDialog', () => {
  let fixture: ComponentFixture<InviteDialog>;
  let steps: FakeOnboardingSteps;
  let closed: { value: unknown } | null;
  let copied: string[];
  let requests: unknown[];

  async function open(setUp: (steps: FakeOnboardingSteps) => void = () => undefined) {
    steps = new FakeOnboardingSteps();
    setUp(steps);
    requests = [];
    const createAccount = steps.createAccount.bind(steps);
    steps.createAccount = (request) => {
      requests.push(request);
      return createAccount(request);
    };
    closed = null;
    copied = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: ONBOARDING_STEPS, useValue: steps },
        { provide: SERVICE_ORCHESTRATOR, useValue: new ServiceOrchestrator({ retryDelay: 0 }, { sleep: async () => undefined }) },
        {
          provide: MatDialogRef,
          useValue: { disableClose: false, close: (value?: unknown) => (closed = { value }), keydownEvents: () => new Subject(), backdropClick: () => new Subject() },
        },
        { provide: Clipboard, useValue: { copy: (text: string) => copied.push(text) > 0 } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    fixture = TestBed.createComponent(InviteDialog);
    await settle();
  }

  async function settle() {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';
  const field = (label: string) =>
    [...el().querySelectorAll('mat-form-field')]
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)!
      .querySelector<HTMLInputElement>('input')!;
  const errorOf = (label: string) =>
    [...el().querySelectorAll('mat-form-field')]
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)!
      .querySelector('mat-error')
      ?.textContent?.trim();
  async function type(label: string, value: string) {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }
  async function check(label: string) {
    [...el().querySelectorAll('mat-checkbox, mat-radio-button')].find((c) => c.textContent?.trim() === label)!.querySelector('input')!.click();
    await fixture.whenStable();
  }
  async function submit() {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle();
  }
  const button = (name: string) => [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = '')));

  it('refuses an empty or malformed form with a message on each field, and calls nothing', async () => {
    await open();
    await submit();
    expect(errorOf('Email')).toBe('Enter their email address.');
    expect(errorOf('Name')).toBe('Enter their name.');
    await type('Email', 'not-an-email');
    await type('Name', 'x'.repeat(81));
    await submit();
    expect(errorOf('Email')).toBe('Enter an email address like ada@example.com.');
    expect(errorOf('Name')).toBe('Keep the name to 80 characters.');
    expect(steps.calls).toEqual([]);
  });

  it('invites with role and stations, then shows the sign-in link to copy', async () => {
    await open();
    await type('Email', ' ada@example.com ');
    await type('Name', ' Ada ');
    await check('Admin');
    await check('grill');
    await check('bar');
    await submit();

    expect(requests).toEqual([{ email: 'ada@example.com', displayName: 'Ada', role: 'admin', stations: ['grill', 'bar'] }]);
    expect(text()).toContain('Ada can now join');
    const link = field('Sign-in link');
    expect(link.value).toBe('http://auth.test/reset?oobCode=uid-ada@example.com');
    expect(link.readOnly).toBeTrue();
    button('Copy sign-in link').click();
    await settle();
    expect(copied).toEqual([link.value]);
    expect(text()).toContain('Copied to the clipboard.');
    button('Done').click();
    expect(closed).toEqual({ value: true });
  });

  it('puts a 409 (email already has an account) on the email field', async () => {
    await open((s) => s.failAt('createAccount', new ApiRequestError(409, 'email_taken', 'ada@example.com already has a Maestro account.')));
    await type('Email', 'ada@example.com');
    await type('Name', 'Ada');
    await submit();
    expect(errorOf('Email')).toBe('ada@example.com already has an account.');
    expect(el().querySelector('[role="alert"]')).toBeNull();
    // Editing the address clears the refusal.
    await type('Email', 'ada2@example.com');
    expect(errorOf('Email')).toBeUndefined();
  });

  it('shows which step failed and that nothing was kept, and stays open to retry', async () => {
    await open((s) => s.failAt('postWelcome', new ApiRequestError(503, 'unavailable', 'The API is busy.')));
    await type('Email', 'ada@example.com');
    await type('Name', 'Ada');
    await submit();
    expect(el().querySelector('[role="alert"]')?.textContent).toContain(
      'Could not post the welcome notification: The API is busy. Nothing was kept: the earlier steps were undone.',
    );
    expect(steps.isEmpty()).toBeTrue();
    expect(closed).toBeNull();
    expect(button('Send invite').disabled).toBeFalse();
  });
});
