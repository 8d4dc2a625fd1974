export const RESOURCE = 'miniProgramCode';
