import { Body, Controller, Ip } from '@nestjs/common';
import { apiRoutes, type WidgetCallToken, type WidgetCallTokenRequest, WidgetCallTokenRequestSchema } from '@ccx/contracts';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { WidgetService } from './widget.service.js';

/** The click-to-call widget's one server call: a token to call its entry point. Public. */
@Controller()
export class WidgetController {
  constructor(private readonly widget: WidgetService) {}

  @Route(apiRoutes.createWidgetCallToken)
  callToken(@Body(new ZodValidationPipe(WidgetCallTokenRequestSchema)) body: WidgetCallTokenRequest, @Ip() address: string): WidgetCallToken {
    return this.widget.callToken(body.entryPoint, address);
  }
}
