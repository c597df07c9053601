import { Module } from '@nestjs/common';
import { OrderStatusQuery } from '../../projections/order-status/order-status.query';
import { ReadDatabase } from '../../projections/read-database';
import { BasketsModule } from '../baskets/baskets.module';
import { CancelReservationHandler } from './cancel-reservation.handler';
import { OrdersController } from './orders.controller';
import { PlaceOrderHandler } from './place-order.handler';
import { ReservationsController } from './reservations.controller';

/** Orders and reservation statuses (procedure, steps 4–5), and staff's corrections. */
@Module({
  imports: [BasketsModule],
  controllers: [OrdersController, ReservationsController],
  providers: [
    PlaceOrderHandler,
    CancelReservationHandler,
    {
      provide: OrderStatusQuery,
      inject: [ReadDatabase],
      useFactory: (read: ReadDatabase) => new OrderStatusQuery(read),
    },
  ],
  exports: [OrderStatusQuery],
})
export class OrdersModule {}
