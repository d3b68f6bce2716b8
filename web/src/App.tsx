import { ApolloProvider } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { createClient } from './apollo';
import { clearApiKey, storedApiKey } from './session';
import { SignIn } from './SignIn';
import { usePath } from './router';
import { MetersScreen } from './screens/Meters';
import { InvoiceDetail, InvoicesScreen } from './screens/Invoices';
import { CatalogScreen } from './screens/Catalog';
import { CustomerDetail, CustomersScreen, customerPath } from './screens/Customers';
import { EventsSection } from './screens/Events';
import { UploadScreen } from './screens/Upload';
import { ImportsScreen } from './screens/Imports';
import { DeadLettersScreen } from './screens/DeadLetters';
import { SettingsScreen } from './screens/Settings';
import { BillingEntitiesScreen } from './screens/BillingEntities';
import { WebhooksScreen } from './screens/Webhooks';
import { ReportsScreen } from './screens/Reports';
import { SandboxBanner } from './screens/SandboxClock';
import { SimulationsScreen } from './screens/Simulations';
import { ReconciliationScreen } from './screens/Reconciliation';

const SECTIONS = [
  { key: 'meters', label: 'Meters' },
  { key: 'events', label: 'Events' },
  { key: 'customers', label: 'Customers' },
  { key: 'invoices', label: 'Invoices' },
  { key: 'reports', label: 'Reports' },
  { key: 'reconciliations', label: 'Reconciliation' },
  { key: 'catalog', label: 'Catalog' },
  { key: 'simulations', label: 'Simulations' },
  { key: 'billing-entities', label: 'Billing entities' },
  { key: 'webhooks', label: 'Webhooks' },
  { key: 'dead-letters', label: 'Dead letters' },
  { key: 'settings', label: 'Settings' },
] as const;
type Section = (typeof SECTIONS)[number]['key'];

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
  const importing = path === '/customers/import';
  const customerRef = importing ? undefined : /^\/customers\/([^/]+)$/.exec(path)?.[1];
  const section: Section = path.startsWith('/invoices')
    ? 'invoices'
    : path.startsWith('/customers')
      ? 'customers'
      : path.startsWith('/catalog')
        ? 'catalog'
        : path.startsWith('/events')
          ? 'events'
          : path.startsWith('/dead-letters')
            ? 'dead-letters'
            : path.startsWith('/settings')
              ? 'settings'
              : path.startsWith('/billing-entities')
                ? 'billing-entities'
                : path.startsWith('/webhooks')
                  ? 'webhooks'
                  : path.startsWith('/reports')
                    ? 'reports'
                    : path.startsWith('/simulations')
                      ? 'simulations'
                      : path.startsWith('/reconciliations')
                        ? 'reconciliations'
                        : 'meters';
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Desk</span>
        <nav>
          {SECTIONS.map(({ key, label }) => (
            <a
              key={key}
              href={`/${key}`}
              className={section === key ? 'active' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/${key}`);
              }}
            >
              {label}
            </a>
          ))}
        </nav>
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <SandboxBanner />
      <main className="content">
        {section === 'meters' && <MetersScreen />}
        {section === 'events' && path === '/events/upload' && <UploadScreen path={path} navigate={navigate} />}
        {section === 'events' && path !== '/events/upload' && <EventsSection path={path} navigate={navigate} />}
        {section === 'catalog' && <CatalogScreen />}
        {section === 'dead-letters' && <DeadLettersScreen />}
        {section === 'settings' && <SettingsScreen />}
        {section === 'billing-entities' && <BillingEntitiesScreen />}
        {section === 'webhooks' && <WebhooksScreen />}
        {section === 'reports' && <ReportsScreen />}
        {section === 'simulations' && <SimulationsScreen />}
        {section === 'reconciliations' && <ReconciliationScreen path={path} navigate={navigate} />}
        {section === 'customers' && importing && <ImportsScreen onBack={() => navigate('/customers')} />}
        {section === 'customers' && !importing && !customerRef && (
          <CustomersScreen onOpen={(reference) => navigate(customerPath(reference))} onImport={() => navigate('/customers/import')} />
        )}
        {section === 'customers' && customerRef && (
          <CustomerDetail
            key={customerRef}
            referenceOrId={decodeURIComponent(customerRef)}
            onBack={() => navigate('/customers')}
            onOpenInvoice={(id) => navigate(`/invoices/${id}`)}
          />
        )}
        {section === 'invoices' && !invoiceId && <InvoicesScreen onOpen={(id) => navigate(`/invoices/${id}`)} />}
        {section === 'invoices' && invoiceId && <InvoiceDetail id={decodeURIComponent(invoiceId)} onBack={() => navigate('/invoices')} />}
      </main>
    </div>
  );
}
