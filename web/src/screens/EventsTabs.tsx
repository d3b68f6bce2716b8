/** The Events section's tabs: every event, the unmatched ones, entering one by hand, uploading a file. */
const TABS = [
  { path: '/events', label: 'All events' },
  { path: '/events/unmatched', label: 'Unmatched' },
  { path: '/events/new', label: 'Enter an event' },
  { path: '/events/upload', label: 'Upload a file' },
] as const;

export function EventsTabs({ path, navigate }: { path: string; navigate: (to: string) => void }) {
  return (
    <nav className="tabs" aria-label="Events">
      {TABS.map((tab) => (
        <a
          key={tab.path}
          href={tab.path}
          className={path === tab.path ? 'active' : undefined}
          aria-current={path === tab.path ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate(tab.path);
          }}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
