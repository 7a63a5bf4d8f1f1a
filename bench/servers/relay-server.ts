import http from 'node:http';
import { Server } from 'socket.io';
import { serveParent } from './ipc';

/**
 * The baseline: the fastest a chat relay on Socket.IO can be. No auth, no validation, no state beyond
 * Socket.IO's own rooms; it answers `join room` with an empty `send users` so the same clients drive it.
 */
async function main() {
  process.setSourceMapsEnabled(false);
  const server = http.createServer();
  const io = new Server(server, { transports: ['websocket'] });
  io.on('connection', (socket) => {
    let room = '';
    socket.on('join room', (payload: { roomId: string | number }) => {
      room = String(payload.roomId);
      void socket.join(room);
      socket.emit('send users', { otherSockets: [], otherUsers: [] });
    });
    socket.on('send_message', (payload: { message: string }) => {
      socket.to(room).emit('receive_message', { message: payload.message });
    });
  });
  const parent = serveParent(
    () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  );
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    parent.listening(typeof address === 'object' && address ? address.port : 0);
  });
}

void main();
