export type ChatMessage = {
  roomId: number;
  sender: string;
  message: string;
  /** "HH:MM" on the server clock, in the service time zone. */
  time: string;
  /** The sender's user id. */
  id: number;
  sentAt: number;
};
