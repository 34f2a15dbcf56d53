-- AlterTable
ALTER TABLE "queues" ADD COLUMN     "wallboard_sl_alert_below_percent" INTEGER DEFAULT 60,
ADD COLUMN     "wallboard_sl_warn_below_percent" INTEGER DEFAULT 80,
ADD COLUMN     "wallboard_wait_alert_seconds" INTEGER DEFAULT 60,
ADD COLUMN     "wallboard_wait_warn_seconds" INTEGER DEFAULT 30;

