import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { Principal } from './principal';

@Injectable()
export class Tokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async issue(
    principal: Principal,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; role: string }> {
    const accessToken = await this.jwt.signAsync({
      sub: principal.accountId,
      role: principal.role,
      familyId: principal.familyId,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.TOKEN_TTL_SECONDS, role: principal.role };
  }
}
