import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignIn } from './SignIn';
import { storedApiKey } from './session';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

describe('SignIn', () => {
  it('stores the key in sessionStorage and signs in', () => {
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: ' ml_test_123 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(storedApiKey()).toBe('ml_test_123');
    expect(onSignedIn).toHaveBeenCalledWith('ml_test_123');
  });

  it('refuses an empty key and shows why it was signed out', () => {
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} message="Your API key was refused (UNAUTHENTICATED). Sign in again." />);
    expect(screen.getByRole('alert').textContent).toContain('UNAUTHENTICATED');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(storedApiKey()).toBeNull();
    expect(screen.getByText('Enter an API key')).toBeTruthy();
  });
});
