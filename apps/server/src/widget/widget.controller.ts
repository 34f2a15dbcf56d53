import { Body, Controller, Ip } from '@nestjs/common';
import {
  apiRoutes,
  type WidgetCallback,
  type WidgetCallbackRequest,
  WidgetCallbackRequestSchema,
  type WidgetCallToken,
  type WidgetCallTokenRequest,
  WidgetCallTokenRequestSchema,
} from '@ccx/contracts';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { WidgetCallsService } from './widget-calls.service.js';
import { WidgetService } from './widget.service.js';

/** The click-to-call widget's server calls: a token to call its entry point, a callback instead of waiting. Public. */
@Controller()
export class WidgetController {
  constructor(
    private readonly widget: WidgetService,
    private readonly calls: WidgetCallsService,
  ) {}

  @Route(apiRoutes.createWidgetCallToken)
  callToken(@Body(new ZodValidationPipe(WidgetCallTokenRequestSchema)) body: WidgetCallTokenRequest, @Ip() address: string): WidgetCallToken {
    return this.widget.callToken(body, address);
  }

  @Route(apiRoutes.requestWidgetCallback)
  callback(@Body(new ZodValidationPipe(WidgetCallbackRequestSchema)) body: WidgetCallbackRequest, @Ip() address: string): WidgetCallback {
    return this.calls.requestCallback(body, body.number, address);
  }
}
