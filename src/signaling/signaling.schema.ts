import { z } from 'zod';

/** A simple-peer signal is an opaque object (SDP or candidate); its size is bounded by maxHttpBufferSize. */
const SignalSchema = z.record(z.string(), z.unknown());
const SocketIdSchema = z.string().min(1).max(64);

export const SendSignalSchema = z.looseObject({ userToSignal: SocketIdSchema, signal: SignalSchema });
export const ReturningSignalSchema = z.looseObject({ callerId: SocketIdSchema, signal: SignalSchema });
/** Trickle ICE (with-me): one RTCIceCandidateInit for the peer connection with socket `to`, also opaque. */
export const IceCandidateSchema = z.looseObject({ to: SocketIdSchema, candidate: SignalSchema });
