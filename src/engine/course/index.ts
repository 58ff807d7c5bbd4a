/** Course materials: the format, the primary texts catalogue, loading and checking against a scenario, and the page's view. */
export * from './schema';
export { PRIMARY_TEXTS, PRIMARY_TEXT_IDS, primaryText, type PrimaryText } from './primaryTexts';
export { checkCourse, loadCourseBytes, loadCourseText, type CourseResult } from './load';
export { courseView, type CourseView } from './view';
export { starterCourse, starterCourseText } from './starter';
