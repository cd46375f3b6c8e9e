import { ScrollArea, Stack, Tabs, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';

export interface PageTab {
  id: string;
  label: string;
  panel: ReactNode;
}

/** A section of the console that fills the window: a title and tabs, the first one open; hidden tabs are unmounted. */
export function TabbedPage({ title, tabs, testId }: { title: string; tabs: readonly PageTab[]; testId: string }) {
  const [picked, setPicked] = useState(tabs[0]?.id ?? '');
  // The tabs can change while shown (a right granted or taken): a tab that went away shows the first.
  const tab = tabs.some((x) => x.id === picked) ? picked : (tabs[0]?.id ?? '');
  return (
    <ScrollArea style={{ flex: 1 }} type="auto">
      <Stack gap="md" p="md" data-testid={testId}>
        <Title order={3}>{title}</Title>
        <Tabs value={tab} onChange={(value) => setPicked(tabs.find((x) => x.id === value)?.id ?? tab)} keepMounted={false}>
          <Tabs.List>
            {tabs.map(({ id, label }) => (
              <Tabs.Tab key={id} value={id}>
                {label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {tabs.map(({ id, panel }) => (
            <Tabs.Panel key={id} value={id} pt="md">
              {panel}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}
