import type { ThrottlerStorage } from '@nestjs/throttler';
import { IpcChannel } from './ipc-channel';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface ThrottleRequest {
  key: string;
  ttl: number;
  limit: number;
  blockDuration: number;
  throttlerName: string;
}

/**
 * Sign-in attempts counted once for the whole service: every HTTP worker process asks the
 * primary's counters, so the limit per account and per address is not multiplied by the number
 * of workers.
 */
export class PrimaryThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly primary: IpcChannel) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const request: ThrottleRequest = { key, ttl, limit, blockDuration, throttlerName };
    return this.primary.request<ThrottlerStorageRecord>('throttle', request);
  }
}
