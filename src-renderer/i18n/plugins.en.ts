/** English texts of the plug-ins' place in the console (Settings → Plug-ins, a section loading); each plug-in brings its own texts. */
export const enPlugins = {
  execution: {
    startedNoView: 'Started as execution {{id}}. Following it needs “view” on tasks: the Tasks section shows its outcome to those who have it.',
    counts: '{{done}} / {{total}} · OK {{ok}} · failed {{failed}}',
    waiting: 'Waiting for the first device…',
  },
  plugins: {
    loading: 'Loading the section…',
    sectionFailed: 'This section could not be loaded',
    panel: {
      intro: 'Plug-ins add sections, rights and task kinds to the console. Switching one off takes effect at once for everyone; its data stays.',
      empty: 'No plug-ins are installed.',
      columns: { name: 'Plug-in', version: 'Version', apiVersion: 'API', state: 'State', contributes: 'Contributes', enabled: 'Enabled' },
      states: { enabled: 'Enabled', disabled: 'Disabled', failed: 'Failed' },
      failedHint: 'It did not load and is skipped; the console runs without it.',
      functions: 'Rights',
      taskKinds: 'Task kinds',
      services: 'Services',
      nothing: 'Nothing',
      schema: 'Data schema {{version}}',
      switchLabel: 'Enable {{name}}',
      failedSwitch: 'A plug-in that failed to load cannot be switched on.',
      enabledNotice: '{{name}} is enabled.',
      disabledNotice: '{{name}} is disabled. Its data is kept.',
      confirm: {
        title: 'Disable {{name}}?',
        body: 'Its section, menus and calls are switched off at once for everyone. Its data is kept, and enabling it again brings everything back.',
        tasks_zero: 'Scheduled tasks of this plug-in will refuse to run while it is disabled; none is saved now.',
        tasks_one: 'Scheduled tasks of this plug-in will refuse to run while it is disabled: {{count}} task is saved now.',
        tasks_other: 'Scheduled tasks of this plug-in will refuse to run while it is disabled: {{count}} tasks are saved now.',
        tasksUnknown: 'Scheduled tasks of this plug-in will refuse to run while it is disabled.',
        button: 'Disable',
      },
    },
  },
};

/** The shape plugins.ja.ts provides (same keys, text of its own). */
export type PluginsTranslations = DeepStrings<typeof enPlugins>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
