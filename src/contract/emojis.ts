/** The emoticons a member can send (the original client's four). */
export const EMOJIS = ['happy', 'love', 'bad', 'sad'] as const;
export type Emoji = (typeof EMOJIS)[number];
