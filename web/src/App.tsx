import { ApolloProvider } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { createClient } from './apollo';
import { clearApiKey, storedApiKey } from './session';
import { SignIn } from './SignIn';
import { usePath } from './router';
import { MetersScreen } from './screens/Meters';
import { InvoiceDetail, InvoicesScreen } from './screens/Invoices';

export function App() {
  const [apiKey, setApiKey] = useState<string | null>(() => storedApiKey());
  const [message, setMessage] = useState<string | null>(null);
  const signOut = useCallback((why: string | null = null) => {
    clearApiKey();
    setApiKey(null);
    setMessage(why);
  }, []);
  const client = useMemo(
    () => (apiKey ? createClient(apiKey, () => signOut('Your API key was refused (UNAUTHENTICATED). Sign in again.')) : null),
    [apiKey, signOut],
  );
  if (!apiKey || !client) {
    return (
      <SignIn
        message={message}
        onSignedIn={(key) => {
          setMessage(null);
          setApiKey(key);
        }}
      />
    );
  }
  return (
    <ApolloProvider client={client}>
      <Shell onSignOut={() => signOut()} />
    </ApolloProvider>
  );
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const [path, navigate] = usePath();
  const invoiceId = /^\/invoices\/([^/]+)$/.exec(path)?.[1];
  const section = path.startsWith('/invoices') ? 'invoices' : 'meters';
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Desk</span>
        <nav>
          <a
            href="/meters"
            className={section === 'meters' ? 'active' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/meters');
            }}
          >
            Meters
          </a>
          <a
            href="/invoices"
            className={section === 'invoices' ? 'active' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/invoices');
            }}
          >
            Invoices
          </a>
        </nav>
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main className="content">
        {section === 'meters' && <MetersScreen />}
        {section === 'invoices' && !invoiceId && <InvoicesScreen onOpen={(id) => navigate(`/invoices/${id}`)} />}
        {section === 'invoices' && invoiceId && <InvoiceDetail id={decodeURIComponent(invoiceId)} onBack={() => navigate('/invoices')} />}
      </main>
    </div>
  );
}
