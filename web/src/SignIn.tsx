import { useState, type FormEvent } from 'react';
import { storeApiKey } from './session';

export function SignIn({ onSignedIn, message }: { onSignedIn: (key: string) => void; message?: string | null }) {
  const [key, setKey] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setInvalid('Enter an API key');
      return;
    }
    storeApiKey(trimmed);
    onSignedIn(trimmed);
  };
  return (
    <main className="sign-in">
      <form className="card" onSubmit={submit}>
        <h1>Desk</h1>
        <p className="muted">Sign in to Meterline with an API key of your platform.</p>
        {message && (
          <div className="error" role="alert">
            {message}
          </div>
        )}
        <label>
          API key
          <input
            type="password"
            autoComplete="off"
            placeholder="ml_…"
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setInvalid(null);
            }}
          />
        </label>
        {invalid && <p className="field-error">{invalid}</p>}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
