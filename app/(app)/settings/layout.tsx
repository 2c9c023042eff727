import type { ReactNode } from 'react';
import { SettingsTabs } from '@/components/settings/settings-tabs';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  // Each page checks the admin role itself: layouts and pages render independently.
  return (
    <section className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <SettingsTabs />
      <div className="mt-5">{children}</div>
    </section>
  );
}
