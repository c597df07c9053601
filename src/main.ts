import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { v5 } from 'uuid';

@Controller()
class HC { @Get('health') h() { return { ok: true, id: v5('a', v5.URL) }; } }
@Module({ imports: [CqrsModule.forRoot(), LoggerModule.forRoot()], controllers: [HC] })
class AppModule {}
async function main() { const app = await NestFactory.create(AppModule); await app.listen(3999); console.log('up'); }
void main();
