import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ProductStatus = 'DRAFT' | 'ACTIVE' | 'DEPRECATED' | 'ARCHIVED';

@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  status: ProductStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
