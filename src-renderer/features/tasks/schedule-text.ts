/** The schedule in words lives in ui/ so that plug-ins listing their tasks word it the same way. */
export { describeSchedule } from '../../ui/task-text';
