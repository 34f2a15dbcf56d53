import { Body, Controller, Param } from '@nestjs/common';
import {
  apiRoutes,
  type ChangePasswordRequest,
  ChangePasswordRequestSchema,
  type CreateUserRequest,
  CreateUserRequestSchema,
  IdParamSchema,
  type SessionUser,
  type UpdateUserRequest,
  UpdateUserRequestSchema,
  type User,
  type UserList,
} from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { UsersService } from './users.service.js';

const idParam = new ZodValidationPipe(IdParamSchema);

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Route(apiRoutes.listUsers)
  async list(): Promise<UserList> {
    return { users: await this.users.list() };
  }

  @Route(apiRoutes.createUser)
  create(@CurrentUser() actor: SessionUser, @Body(new ZodValidationPipe(CreateUserRequestSchema)) body: CreateUserRequest): Promise<User> {
    return this.users.create(actor, body);
  }

  @Route(apiRoutes.getUser)
  get(@Param(idParam) params: { id: string }): Promise<User> {
    return this.users.get(params.id);
  }

  @Route(apiRoutes.updateUser)
  update(
    @CurrentUser() actor: SessionUser,
    @Param(idParam) params: { id: string },
    @Body(new ZodValidationPipe(UpdateUserRequestSchema)) body: UpdateUserRequest,
  ): Promise<User> {
    return this.users.update(actor, params.id, body);
  }

  @Route(apiRoutes.changePassword)
  changePassword(
    @CurrentUser() actor: SessionUser,
    @Param(idParam) params: { id: string },
    @Body(new ZodValidationPipe(ChangePasswordRequestSchema)) body: ChangePasswordRequest,
  ): Promise<void> {
    return this.users.changePassword(actor, params.id, body);
  }
}
